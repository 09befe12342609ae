import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  UseFilters,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import type { CreatedKeyView, KeysClient, KeyView, RotatedKeyView } from '@verosek/contracts';
import {
  CreateKeyDto,
  KEYS_CLIENT,
  KeyIdDto,
  ListKeysDto,
  RotateKeyDto,
  UpdateKeyDto,
} from '@verosek/contracts';
import { keysValidationPipe } from '@verosek/keys';
import { AdminErrorFilter } from './admin-error.filter';
import { MasterKeyGuard } from './master-key.guard';

/** `/admin/keys`: virtual key administration, forwarded to keys-service. */
@Controller('admin/keys')
@UseGuards(MasterKeyGuard)
@UsePipes(keysValidationPipe())
@UseFilters(AdminErrorFilter)
export class KeysAdminController {
  constructor(@Inject(KEYS_CLIENT) private readonly keys: KeysClient) {}

  @Post()
  create(@Body() body: CreateKeyDto): Promise<CreatedKeyView> {
    return this.keys.create(body);
  }

  @Get()
  list(@Query() query: ListKeysDto): Promise<KeyView[]> {
    return this.keys.list(query);
  }

  @Get(':id')
  get(@Param() params: KeyIdDto): Promise<KeyView> {
    return this.keys.get(params.id);
  }

  @Patch(':id')
  update(@Param() params: KeyIdDto, @Body() body: UpdateKeyDto): Promise<KeyView> {
    return this.keys.update({ ...body, id: params.id });
  }

  @Post(':id/rotate')
  @HttpCode(200)
  rotate(@Param() params: KeyIdDto, @Body() body: RotateKeyDto): Promise<RotatedKeyView> {
    return this.keys.rotate({ ...body, id: params.id });
  }

  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Param() params: KeyIdDto): Promise<KeyView> {
    return this.keys.revoke(params.id);
  }
}
